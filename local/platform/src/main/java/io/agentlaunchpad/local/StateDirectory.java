package io.agentlaunchpad.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code .launchpad/}: everything the local platform keeps between runs (DynamoDB on disk, the sealing key, the
 * admin key) and the lock that keeps a second {@code up} from starting beside a running one.
 */
public final class StateDirectory implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the directory, or says who holds it. */
    static StateDirectory open(Path root) throws IOException, AlreadyRunningException {
        Files.createDirectories(root);
        // The sealing key, the admin key and the tables live here: this user only, also for a directory made before.
        restrict(root, "rwx------");
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        restrict(root.resolve("lock"), "rw-------");
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunningException(read(root.resolve("running")).orElse("another process"));
        }
        return new StateDirectory(root, channel, lock);
    }

    static final class AlreadyRunningException extends Exception {
        AlreadyRunningException(String who) {
            super(who);
        }
    }

    Path root() {
        return root;
    }

    Path dynamoDirectory() throws IOException {
        Path directory = Files.createDirectories(root.resolve("dynamodb"));
        restrict(directory, "rwx------");
        return directory;
    }

    /** Owner-only permissions where the file system has POSIX ones (elsewhere the directory's ACL applies). */
    static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** The key sealing platform tokens: made once, readable by this user only. */
    String sealingKey() throws IOException {
        Path file = root.resolve("sealing-key");
        Optional<String> existing = read(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        writePrivate(file, encoded);
        return encoded;
    }

    Path adminKeyFile() {
        return root.resolve("admin-api-key");
    }

    void markRunning(String description) throws IOException {
        Files.writeString(root.resolve("running"), description);
        restrict(root.resolve("running"), "rw-------");
    }

    static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(root.resolve("running"));
        lock.release();
        lockChannel.close();
    }
}
