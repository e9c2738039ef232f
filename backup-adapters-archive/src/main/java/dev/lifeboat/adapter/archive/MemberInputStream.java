package dev.lifeboat.adapter.archive;

import dev.lifeboat.domain.error.VerificationFailedException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** The data of one archive member, read at its own positions so several members can be read at once. */
final class MemberInputStream extends InputStream {

    private final ArchiveChannel channel;
    private final long end;
    private final String memberName;
    private long position;

    MemberInputStream(ArchiveChannel channel, long offset, long size, String memberName) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + size;
        this.memberName = memberName;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        if (position >= end) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        ByteBuffer target = ByteBuffer.wrap(b, off, (int) Math.min(len, end - position));
        int n;
        do {
            n = channel.read(target, position);
        } while (n == 0);
        if (n < 0) {
            throw new VerificationFailedException(channel.archiveName() + " is corrupt or truncated: it ends inside "
                    + "member '" + memberName + "'");
        }
        position += n;
        return n;
    }
}
