package org.majlis.store;

/** The database failed; the request is answered with {@code internal}. */
public final class StoreException extends RuntimeException {

    public StoreException(Throwable cause) {
        super(cause);
    }
}
