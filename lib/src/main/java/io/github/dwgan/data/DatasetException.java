package io.github.dwgan.data;

/** Signals bad dataset input; the message names the file and says how to fix it. */
public class DatasetException extends RuntimeException {

    /** Creates an exception with a message that names the file and the fix. */
    public DatasetException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
