package io.chatspec.protocol.files;

/**
 * What one side of a relayed transfer saw.
 *
 * @param bytes     bytes written (sender) or read (receiver)
 * @param sha256    hex SHA-256 of those bytes
 * @param nanos     from connect to completion or failure
 * @param completed sender: all bytes written and the server then closed; receiver: the server closed the
 *                  stream (EOF) before the timeout
 * @param error     why it did not complete, or null
 */
public record TransferResult(long bytes, String sha256, long nanos, boolean completed, String error) {
    /** Throughput in MB/s (10^6 bytes per second). */
    public double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes / (nanos / 1e9) / 1e6;
    }
}
