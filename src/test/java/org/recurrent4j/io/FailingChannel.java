package org.recurrent4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A channel that writes the first {@code limit} bytes through, then fails as a full disk does. */
final class FailingChannel implements WritableByteChannel {
    private final WritableByteChannel target;
    private long left;

    FailingChannel(WritableByteChannel target, long limit) {
        this.target = target;
        this.left = limit;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (left == 0) throw new IOException("No space left on device");
        ByteBuffer part = src.slice().limit((int) Math.min(src.remaining(), left));
        int n = target.write(part);
        src.position(src.position() + n);
        left -= n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
