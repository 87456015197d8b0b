package io.agentlaunchpad.scan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which image serves a plugin selection. */
class ImageCatalogueTest {

    record Entry(String repository, String tag, List<String> plugins) implements ImagesConfig.Entry {
    }

    final ImageCatalogue catalogue = new ImageCatalogue(Map.of(
            "knowledge", new Entry("elizaos-knowledge", "0.9.0", List.of("@elizaos/plugin-knowledge")),
            "chat", new Entry("elizaos-chat", "1.0", List.of("@elizaos/plugin-discord", "@elizaos/plugin-telegram"))),
            new CatalogueImage("default", "elizaos-agent", "1.4.4"));

    @Test
    void theSmallestEntryHoldingEverySelectedPlugin_servesTheAgent() {
        assertThat(catalogue.imageFor(List.of("@elizaos/plugin-discord")).name()).isEqualTo("chat");
        assertThat(catalogue.imageFor(List.of("@elizaos/plugin-knowledge")).name()).isEqualTo("knowledge");
    }

    @Test
    void aSelectionNoEntryHolds_runsTheDefaultImage() {
        assertThat(catalogue.imageFor(List.of("@elizaos/plugin-discord", "@elizaos/plugin-knowledge")).name())
                .isEqualTo("default");
    }

    @Test
    void anAgentWithoutPlugins_runsTheDefaultImage_notWhicheverEntryIsSmallest() {
        assertThat(catalogue.imageFor(List.of()).name()).isEqualTo("default");
    }
}
