package dev.hexsync.bootstrap.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Node.js scripts of the interop suite (test resources under {@code interop/}) next to the official SDK. Node
 * resolves {@code import '@powersync/node'} from the script's own folder upwards, so each script is copied into a
 * folder of its own whose {@code node_modules} links to the recipe's installed SDK ({@link RealService#sdkModules()}).
 */
final class NodeScripts {
    private NodeScripts() {
    }

    /** Copies {@code script} into {@code folder} (created) beside a link to the SDK; returns the folder. */
    static Path prepare(Path folder, String script) throws IOException {
        Files.createDirectories(folder);
        try (InputStream in = NodeScripts.class.getResourceAsStream("/interop/" + script)) {
            if (in == null) {
                throw new IllegalStateException("No test resource interop/" + script);
            }
            Files.copy(in, folder.resolve(script));
        }
        Files.createSymbolicLink(folder.resolve("node_modules"), RealService.sdkModules());
        return folder;
    }
}
