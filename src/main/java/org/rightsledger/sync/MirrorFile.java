package org.rightsledger.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.rightsledger.verify.ChainVerifier;

/**
 * The partner's local copy: one entry per line (NDJSON), in position order. Opening it verifies
 * every line already there; a last line without its newline (a sync cut off mid-write) is removed,
 * since the entry will be fetched again. Appends reach the disk at each {@link #flush()}.
 */
final class MirrorFile implements AutoCloseable {

    private final FileChannel file;
    private final ChainVerifier verifier;
    private final boolean repaired;

    private MirrorFile(FileChannel file, ChainVerifier verifier, boolean repaired) {
        this.file = file;
        this.verifier = verifier;
        this.repaired = repaired;
    }

    static MirrorFile open(Path path) throws IOException, ChainVerifier.Failure {
        FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long complete = completeLength(file);
            boolean repaired = complete < file.size();
            if (repaired) {
                file.truncate(complete);
            }
            ChainVerifier verifier = new ChainVerifier();
            file.position(0);
            BufferedReader lines = new BufferedReader(new InputStreamReader(Channels.newInputStream(file), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    verifier.accept(line);
                }
            }
            file.position(file.size());
            return new MirrorFile(file, verifier, repaired);
        } catch (IOException | ChainVerifier.Failure | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Length up to and including the last newline. */
    private static long completeLength(FileChannel file) throws IOException {
        long size = file.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long at = size - 1; at >= 0; at--) {
            one.clear();
            file.read(one, at);
            if (one.get(0) == '\n') {
                return at + 1;
            }
        }
        return 0;
    }

    ChainVerifier verifier() {
        return verifier;
    }

    boolean repaired() {
        return repaired;
    }

    void append(String entryJson) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((entryJson + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
    }

    void flush() throws IOException {
        file.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            file.force(false);
        } finally {
            file.close();
        }
    }
}
