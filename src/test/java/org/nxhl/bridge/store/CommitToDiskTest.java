package org.nxhl.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nxhl.bridge.inbox.InboxStore;
import org.nxhl.bridge.inbox.NewEvent;

/**
 * On the embedded store, an event is on disk before intake answers for it: the database file is synced
 * (fsync) by the commit that stores it, not left in the operating system's cache.
 */
class CommitToDiskTest {

    private static final AtomicInteger SYNCS = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void countSyncs() {
        FilePath.register(new SyncCountingPath());
    }

    @Test
    void anEventStoredIsSyncedToTheFileBeforeTheStoreAnswers() throws Exception {
        try (Database db = new Database("jdbc:h2:synccount:" + dir.resolve("bridge"), "sa", "", 4)) {
            db.migrate();
            InboxStore inbox = new InboxStore(db);
            try {
                int before = SYNCS.get();
                inbox.accept(new NewEvent("networx", "lead", "sandbox", "lead/sandbox/1", "{\"lead_id\":1}"));
                assertThat(SYNCS.get()).as("file syncs by storing one event").isGreaterThan(before);

                // a plain autocommit write is only written, not synced: the count above is the store's doing
                int plain = SYNCS.get();
                try (Connection c = db.connection(); Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE scratch (id INT)");
                    s.executeUpdate("INSERT INTO scratch VALUES (1)");
                }
                assertThat(SYNCS.get()).as("file syncs by a plain write").isEqualTo(plain);

                int again = SYNCS.get();
                inbox.accept(new NewEvent("networx", "lead", "sandbox", "lead/sandbox/2", "{\"lead_id\":2}"));
                assertThat(SYNCS.get()).as("file syncs by storing a second event").isGreaterThan(again);
            } finally {
                inbox.close();
            }
        }
    }

    /** H2's own file system, with every file channel counting its syncs. */
    public static final class SyncCountingPath extends FilePathWrapper {

        @Override
        public String getScheme() {
            return "synccount";
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new CountingChannel(getBase().open(mode));
        }
    }

    private static final class CountingChannel extends FileChannel {

        private final FileChannel file;

        CountingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            SYNCS.incrementAndGet();
            file.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
