package io.github.dwgan.fid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Loads the committed fixtures written by lib/src/test/python/gen_fid_*.py. */
final class Fixtures {
    private Fixtures() {}

    /** Returns the path of a fixture under fixtures/fid. */
    static Path path(String name) {
        String root = System.getProperty("dwgan.fixtures", "src/test/resources/fixtures");
        return Path.of(root, "fid", name);
    }

    /** Reads an .npz fixture. */
    static Map<String, Npz.Array> npz(String name) throws IOException {
        return Npz.read(path(name));
    }
}
