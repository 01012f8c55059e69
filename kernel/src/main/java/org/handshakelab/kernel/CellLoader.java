package org.handshakelab.kernel;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads the classes JShell compiles for each cell, plus the jars added by {@code %classpath}.
 *
 * <p>Its parent is the kernel's own class loader, so a cell sees the very same {@code Class}
 * objects as the renderers that extensions register: a Tablesaw {@code Table} made in a cell is
 * the {@code Table} the renderer knows.
 */
final class CellLoader implements LoaderDelegate {

    /** The class loader of all cell code; jars from {@code %classpath} are appended to it. */
    static final class Loader extends URLClassLoader {
        private final Map<String, byte[]> bytecodes = new ConcurrentHashMap<>();

        Loader(ClassLoader parent) {
            super("lab-cells", new URL[0], parent);
        }

        void append(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] code = bytecodes.get(name);
            if (code != null) {
                return defineClass(name, code, 0, code.length);
            }
            return super.findClass(name);
        }

        static {
            registerAsParallelCapable();
        }
    }

    private final Loader loader;
    private final Map<String, Class<?>> loaded = new ConcurrentHashMap<>();

    CellLoader(ClassLoader parent) {
        this.loader = new Loader(parent);
    }

    Loader classLoader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException {
        boolean[] installed = new boolean[classes.length];
        for (ClassBytecodes c : classes) {
            loader.bytecodes.put(c.name(), c.bytecodes());
        }
        for (int i = 0; i < classes.length; i++) {
            try {
                Class<?> k = loader.loadClass(classes[i].name());
                loaded.put(classes[i].name(), k);
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("cannot load " + classes[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        for (ClassBytecodes c : classes) {
            loader.bytecodes.put(c.name(), c.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            try {
                loader.append(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("bad class path entry '" + entry + "': " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> k = loaded.get(name);
        if (k == null) {
            throw new ClassNotFoundException(name + " was not loaded by the kernel");
        }
        return k;
    }
}
