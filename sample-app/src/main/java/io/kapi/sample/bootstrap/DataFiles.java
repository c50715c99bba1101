package io.kapi.sample.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads and writes the bootstrap's files. Writes go to a temporary file in the same directory that
 * is then moved into place, so a crash never leaves half a key behind; private files are made
 * owner-only (0600) where the file system has POSIX permissions.
 */
final class DataFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private DataFiles() {}

  /** Creates {@code directory} (owner-only) and its parents unless it exists. */
  static void createDirectory(Path directory) {
    try {
      if (Files.isDirectory(directory)) {
        return;
      }
      Files.createDirectories(directory);
      if (supportsPosix(directory)) {
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + directory, e);
    }
  }

  /** Writes a secret (key, token, kubeconfig): owner-only. */
  static void writePrivate(Path file, String content) {
    write(file, content, OWNER_ONLY);
  }

  /** Writes a public file (certificate): readable by everyone. */
  static void writePublic(Path file, String content) {
    write(file, content, WORLD_READABLE);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String content, Set<PosixFilePermission> permissions) {
    Path directory = file.toAbsolutePath().getParent();
    try {
      Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
      try {
        if (supportsPosix(temporary)) {
          Files.setPosixFilePermissions(temporary, permissions);
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
