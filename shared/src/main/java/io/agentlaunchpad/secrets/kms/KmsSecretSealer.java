package io.agentlaunchpad.secrets.kms;

import io.agentlaunchpad.secrets.AesGcmSecretSealer;
import io.agentlaunchpad.secrets.SealingUnavailableException;
import io.agentlaunchpad.secrets.SecretSealer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * KMS envelope encryption: a fresh data key per value from {@code GenerateDataKey}, the value sealed with it by
 * AES-GCM, and the data key kept only in its KMS-encrypted form beside the value. The agent id is both the KMS
 * encryption context and the AES associated data, so a value moved to another agent opens in neither.
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#enveloping)
 */
public class KmsSecretSealer implements SecretSealer {

    private static final String PREFIX = "kms.v1.";
    private static final String CONTEXT_KEY = "agentId";

    private final KmsClient kms;
    private final String keyId;

    public KmsSecretSealer(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public String seal(byte[] plaintext, String context) {
        GenerateDataKeyResponse dataKey;
        try {
            dataKey = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(Map.of(CONTEXT_KEY, context)));
        } catch (SdkException e) {
            throw new SealingUnavailableException("KMS did not issue a data key", e);
        }
        byte[] key = dataKey.plaintext().asByteArray();
        try {
            String inner = new AesGcmSecretSealer(key).seal(plaintext, context);
            byte[] wrapped = dataKey.ciphertextBlob().asByteArray();
            byte[] sealed = Base64.getUrlDecoder().decode(inner.substring(inner.lastIndexOf('.') + 1));
            ByteBuffer out = ByteBuffer.allocate(2 + wrapped.length + sealed.length)
                    .putShort((short) wrapped.length).put(wrapped).put(sealed);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] unseal(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a value sealed with KMS");
        }
        ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length())));
        byte[] wrapped = new byte[in.getShort() & 0xffff];
        in.get(wrapped);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        byte[] key;
        try {
            key = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(wrapped)).keyId(keyId)
                    .encryptionContext(Map.of(CONTEXT_KEY, context))).plaintext().asByteArray();
        } catch (software.amazon.awssdk.services.kms.model.InvalidCiphertextException e) {
            throw new IllegalArgumentException("sealed value does not open for this agent", e);
        } catch (SdkException e) {
            throw new SealingUnavailableException("KMS did not decrypt the data key", e);
        }
        try {
            return new AesGcmSecretSealer(key).unseal("aesgcm.v1." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(rest), context);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
