package org.majlis.testing;

import java.util.Base64;

/** Files for upload tests. */
public final class FilesTestData {

    /** The smallest valid PNG: one transparent pixel. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private FilesTestData() {
    }
}
