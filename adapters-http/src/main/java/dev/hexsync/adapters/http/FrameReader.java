package dev.hexsync.adapters.http;

import dev.hexsync.ports.transport.StreamLine;
import java.io.IOException;

/**
 * Splits a sync stream's body into lines, one frame at a time, holding at most one frame in memory: a sync
 * stream can run for hours and carry gigabytes, so nothing may depend on its length.
 */
interface FrameReader {
    /** Frames are limited so that a corrupt length or an unterminated line cannot exhaust the heap. */
    int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /**
     * Blocks for the next frame.
     *
     * @return the frame, or null when the body ended cleanly between frames
     * @throws java.io.EOFException when the body ended inside a frame
     * @throws dev.hexsync.ports.ProtocolException when the bytes cannot be a frame of this format
     * @throws IOException when reading the body failed
     */
    StreamLine next() throws IOException;
}
