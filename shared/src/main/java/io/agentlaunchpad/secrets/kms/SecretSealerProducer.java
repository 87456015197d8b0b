package io.agentlaunchpad.secrets.kms;

import io.agentlaunchpad.secrets.AesGcmSecretSealer;
import io.agentlaunchpad.secrets.SecretSealer;
import io.agentlaunchpad.config.LaunchpadConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

import java.util.Base64;

/** KMS envelope sealing where a KMS key is configured (AWS), the local AES key otherwise. */
public class SecretSealerProducer {

    @Produces
    @Singleton
    public SecretSealer sealer(LaunchpadConfig config) {
        return forConfig(config);
    }

    public static SecretSealer forConfig(LaunchpadConfig config) {
        LaunchpadConfig.Sealing sealing = config.sealing();
        if (sealing.kmsKeyId().isPresent()) {
            return new KmsSecretSealer(KmsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                    sealing.kmsKeyId().get());
        }
        String key = sealing.key().orElseThrow(() -> new IllegalStateException(
                "set launchpad.sealing.kms-key-id (AWS) or launchpad.sealing.key (base64 of 32 bytes)"));
        try {
            return new AesGcmSecretSealer(Base64.getDecoder().decode(key.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("launchpad.sealing.key is not base64 of 32 bytes", e);
        }
    }
}
