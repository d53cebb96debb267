package io.github.dwgan.engine;

public final class Engines {
    private Engines() {}
}
