package io.github.dwgan.data;

/** Signals an image file that cannot be decoded (corrupt, truncated or of an unknown format). */
public class CorruptImageException extends DatasetException {

    /** Creates an exception whose message names the file and the fix. */
    public CorruptImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
