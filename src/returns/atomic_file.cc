#include "returns/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace safehub::returns {

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) return InvalidArgument("cannot write '" + path + "': " + std::strerror(errno), "out");
  size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      close(fd);
      unlink(name.data());
      return InvalidArgument("cannot write '" + path + "': " + std::strerror(err), "out");
    }
    written += static_cast<size_t>(n);
  }
  // mkstemp makes the file 0600, and it stays so: a return holds children's personal data,
  // and is shared by sending it, not by leaving it readable to every user of the machine.
  if (fsync(fd) != 0 || close(fd) != 0) {
    unlink(name.data());
    return InvalidArgument("cannot flush '" + path + "' to disk", "out");
  }
  if (std::rename(name.data(), path.c_str()) != 0) {
    const int err = errno;
    unlink(name.data());
    return InvalidArgument("cannot write '" + path + "': " + std::strerror(err), "out");
  }
  // The rename is durable once the directory entry is.
  const int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return Status::Ok();
}

}  // namespace safehub::returns
