package org.handshakelab.notebook;

import org.dflib.jjava.jupyter.Extension;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceRegistrationTest {

    private static final String SERVICE_FILE = "META-INF/services/org.dflib.jjava.jupyter.Extension";

    @Test
    void serviceFileNamesLabExtension() throws IOException {
        try (InputStream in = LabExtension.class.getClassLoader().getResourceAsStream(SERVICE_FILE)) {
            assertNotNull(in, SERVICE_FILE);
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();

            assertEquals(List.of(LabExtension.class.getName()), lines);
        }
    }

    @Test
    void serviceLoaderFindsLabExtension() {
        List<Class<?>> found = ServiceLoader.load(Extension.class).stream()
                .map(ServiceLoader.Provider::type)
                .<Class<?>>map(type -> type)
                .toList();

        assertTrue(found.contains(LabExtension.class), found.toString());
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(provider -> provider.get() instanceof LabExtension));
    }
}
