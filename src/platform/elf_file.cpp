#include "platform/elf_file.hpp"

#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.hpp"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the ELF reader reads host-order little-endian fields");

namespace userpkg {
namespace {

// Far more than any real object has; bounds the work a corrupted count can ask for.
constexpr std::uint64_t max_entries = 1u << 16;

struct Elf64Types {
  using Ehdr = Elf64_Ehdr;
  using Phdr = Elf64_Phdr;
  using Dyn = Elf64_Dyn;
};
struct Elf32Types {
  using Ehdr = Elf32_Ehdr;
  using Phdr = Elf32_Phdr;
  using Dyn = Elf32_Dyn;
};

// Bounds-checked access to the file's bytes; every failure names the file and what was wrong.
class Bytes {
 public:
  Bytes(std::span<const unsigned char> data, const std::string& origin) : data_(data), origin_(origin) {}

  [[noreturn]] void corrupt(const std::string& what) const {
    throw Error("cannot read the ELF file " + origin_, what + " (the file is truncated or corrupted)",
                "reinstall the package that owns it");
  }

  template <typename T>
  T read(std::uint64_t offset, const char* what) const {
    if (offset > data_.size() || sizeof(T) > data_.size() - offset) corrupt(std::string(what) + " lies outside the file");
    T value;
    std::memcpy(&value, data_.data() + offset, sizeof(T));
    return value;
  }

  // The NUL-terminated string at `index` in the string table [table, table + table_size).
  std::string string_at(std::uint64_t table, std::uint64_t table_size, std::uint64_t index, const char* what) const {
    if (table > data_.size()) corrupt("the string table lies outside the file");
    std::uint64_t end = table_size > data_.size() - table ? data_.size() : table + table_size;
    if (index >= end - table) corrupt(std::string(what) + " points outside the string table");
    const char* first = reinterpret_cast<const char*>(data_.data() + table + index);
    const void* nul = std::memchr(first, '\0', static_cast<std::size_t>(end - table - index));
    if (!nul) corrupt(std::string(what) + " is not terminated inside the string table");
    return std::string(first, static_cast<const char*>(nul));
  }

  std::uint64_t size() const { return data_.size(); }

 private:
  std::span<const unsigned char> data_;
  const std::string& origin_;
};

struct Segment {
  std::uint64_t vaddr, offset, filesz;
};

// a + b, or nullopt on overflow.
std::optional<std::uint64_t> add(std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

struct DynamicTags {
  std::vector<std::uint64_t> needed;
  std::optional<std::uint64_t> soname, rpath, runpath, strtab, strsz, verneed, verneednum, verdef, verdefnum;
};

template <typename T>
void parse_dynamic(const Bytes& bytes, const typename T::Phdr& dynamic, DynamicTags& tags) {
  std::uint64_t count = dynamic.p_filesz / sizeof(typename T::Dyn);
  if (count > max_entries) bytes.corrupt("the dynamic section is implausibly large");
  for (std::uint64_t i = 0; i < count; ++i) {
    auto at = add(dynamic.p_offset, i * sizeof(typename T::Dyn));
    if (!at) bytes.corrupt("the dynamic section's offset overflows");
    auto dyn = bytes.read<typename T::Dyn>(*at, "the dynamic section");
    std::uint64_t value = dyn.d_un.d_val;
    switch (dyn.d_tag) {
      case DT_NULL: return;
      case DT_NEEDED: tags.needed.push_back(value); break;
      case DT_SONAME: tags.soname = value; break;
      case DT_RPATH: tags.rpath = value; break;
      case DT_RUNPATH: tags.runpath = value; break;
      case DT_STRTAB: tags.strtab = value; break;
      case DT_STRSZ: tags.strsz = value; break;
      case DT_VERNEED: tags.verneed = value; break;
      case DT_VERNEEDNUM: tags.verneednum = value; break;
      case DT_VERDEF: tags.verdef = value; break;
      case DT_VERDEFNUM: tags.verdefnum = value; break;
      default: break;
    }
  }
}

class Parser {
 public:
  Parser(const Bytes& bytes, std::vector<Segment> loads) : bytes_(bytes), loads_(std::move(loads)) {}

  // The file offset of a virtual address, through the PT_LOAD segment that maps it.
  std::uint64_t offset_of(std::uint64_t vaddr, const char* what) const {
    for (const Segment& s : loads_)
      if (vaddr >= s.vaddr && vaddr - s.vaddr < s.filesz) return s.offset + (vaddr - s.vaddr);
    bytes_.corrupt(std::string(what) + " is not in any loaded segment");
  }

  void set_strings(std::uint64_t offset, std::uint64_t size) {
    strtab_ = offset;
    strsz_ = size;
  }
  std::string str(std::uint64_t index, const char* what) const { return bytes_.string_at(strtab_, strsz_, index, what); }

  std::vector<ElfVersionNeed> version_needs(std::uint64_t vaddr, std::uint64_t count) const {
    std::vector<ElfVersionNeed> out;
    if (count > max_entries) bytes_.corrupt("DT_VERNEEDNUM is implausibly large");
    std::uint64_t at = offset_of(vaddr, "DT_VERNEED");
    for (std::uint64_t i = 0; i < count; ++i) {
      auto need = bytes_.read<Elf64_Verneed>(at, "a version need entry");  // same layout in ELF32
      ElfVersionNeed entry{str(need.vn_file, "a version need's file name"), {}};
      auto aux_at = add(at, need.vn_aux);
      for (unsigned j = 0; j < need.vn_cnt; ++j) {
        if (!aux_at) bytes_.corrupt("a version need's offset overflows");
        auto aux = bytes_.read<Elf64_Vernaux>(*aux_at, "a version need's name entry");
        entry.versions.push_back(str(aux.vna_name, "a needed version's name"));
        if (aux.vna_next == 0) break;
        aux_at = add(*aux_at, aux.vna_next);
      }
      out.push_back(std::move(entry));
      if (need.vn_next == 0) break;
      auto next = add(at, need.vn_next);
      if (!next) bytes_.corrupt("a version need's offset overflows");
      at = *next;
    }
    return out;
  }

  std::vector<std::string> version_definitions(std::uint64_t vaddr, std::uint64_t count) const {
    std::vector<std::string> out;
    if (count > max_entries) bytes_.corrupt("DT_VERDEFNUM is implausibly large");
    std::uint64_t at = offset_of(vaddr, "DT_VERDEF");
    for (std::uint64_t i = 0; i < count; ++i) {
      auto def = bytes_.read<Elf64_Verdef>(at, "a version definition");  // same layout in ELF32
      // The first aux entry names the version; later ones name its parents. The base entry is
      // the file's own name, not a version.
      if (def.vd_cnt > 0 && !(def.vd_flags & VER_FLG_BASE)) {
        auto aux_at = add(at, def.vd_aux);
        if (!aux_at) bytes_.corrupt("a version definition's offset overflows");
        auto aux = bytes_.read<Elf64_Verdaux>(*aux_at, "a version definition's name entry");
        out.push_back(str(aux.vda_name, "a defined version's name"));
      }
      if (def.vd_next == 0) break;
      auto next = add(at, def.vd_next);
      if (!next) bytes_.corrupt("a version definition's offset overflows");
      at = *next;
    }
    return out;
  }

 private:
  const Bytes& bytes_;
  std::vector<Segment> loads_;
  std::uint64_t strtab_ = 0, strsz_ = 0;
};

template <typename T>
ElfInfo parse_class(const Bytes& bytes, bool is_64bit) {
  ElfInfo info;
  info.is_64bit = is_64bit;
  auto header = bytes.read<typename T::Ehdr>(0, "the ELF header");
  info.machine = header.e_machine;
  info.type = header.e_type;
  if (header.e_phnum == PN_XNUM) bytes.corrupt("more than 65534 program headers are not supported");
  if (header.e_phnum > 0 && header.e_phentsize < sizeof(typename T::Phdr))
    bytes.corrupt("the program header entry size is too small");

  std::vector<Segment> loads;
  std::optional<typename T::Phdr> dynamic;
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    auto at = add(header.e_phoff, std::uint64_t{i} * header.e_phentsize);
    if (!at) bytes.corrupt("the program header table's offset overflows");
    auto ph = bytes.read<typename T::Phdr>(*at, "the program header table");
    if (ph.p_type == PT_LOAD) {
      auto end = add(ph.p_offset, ph.p_filesz);
      if (!end || *end > bytes.size()) bytes.corrupt("a loaded segment lies outside the file");
      loads.push_back({ph.p_vaddr, ph.p_offset, ph.p_filesz});
    } else if (ph.p_type == PT_DYNAMIC) {
      dynamic = ph;
    }
  }
  if (!dynamic) return info;  // a static executable: nothing for the loader to do
  info.has_dynamic = true;

  DynamicTags tags;
  parse_dynamic<T>(bytes, *dynamic, tags);
  Parser parser(bytes, std::move(loads));
  if (!tags.strtab) {
    if (tags.needed.empty() && !tags.soname && !tags.rpath && !tags.runpath && !tags.verneed && !tags.verdef)
      return info;
    bytes.corrupt("the dynamic section has no string table (DT_STRTAB)");
  }
  parser.set_strings(parser.offset_of(*tags.strtab, "DT_STRTAB"), tags.strsz.value_or(bytes.size()));
  for (std::uint64_t index : tags.needed) info.needed.push_back(parser.str(index, "DT_NEEDED"));
  if (tags.soname) info.soname = parser.str(*tags.soname, "DT_SONAME");
  if (tags.rpath) info.rpath = parser.str(*tags.rpath, "DT_RPATH");
  if (tags.runpath) info.runpath = parser.str(*tags.runpath, "DT_RUNPATH");
  if (tags.verneed) info.version_needs = parser.version_needs(*tags.verneed, tags.verneednum.value_or(0));
  if (tags.verdef) info.version_definitions = parser.version_definitions(*tags.verdef, tags.verdefnum.value_or(0));
  return info;
}

// Unmaps on destruction.
class Mapping {
 public:
  Mapping(void* address, std::size_t size) : address_(address), size_(size) {}
  ~Mapping() { ::munmap(address_, size_); }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  std::span<const unsigned char> bytes() const { return {static_cast<const unsigned char*>(address_), size_}; }

 private:
  void* address_;
  std::size_t size_;
};

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

ElfInfo parse_elf(std::span<const unsigned char> data, const std::string& origin) {
  Bytes bytes(data, origin);
  if (data.size() < EI_NIDENT || std::memcmp(data.data(), ELFMAG, SELFMAG) != 0)
    throw Error(origin + " is not an ELF file", "it does not start with the ELF magic bytes");
  if (data[EI_DATA] != ELFDATA2LSB)
    throw Error("cannot read the ELF file " + origin, "it is big-endian; only little-endian objects are read");
  if (data[EI_VERSION] != EV_CURRENT) bytes.corrupt("unknown ELF version");
  if (data[EI_CLASS] == ELFCLASS64) return parse_class<Elf64Types>(bytes, true);
  if (data[EI_CLASS] == ELFCLASS32) return parse_class<Elf32Types>(bytes, false);
  bytes.corrupt("unknown ELF class");
}

ElfInfo read_elf(const std::filesystem::path& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw Error("cannot read " + path.string(), errno_text(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw Error("cannot read " + path.string(), errno_text(errno));
  if (!S_ISREG(st.st_mode)) throw Error("cannot read " + path.string(), "it is not a regular file");
  if (st.st_size == 0) throw Error(path.string() + " is not an ELF file", "it is empty");
  auto size = static_cast<std::size_t>(st.st_size);
  void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (address == MAP_FAILED) throw Error("cannot map " + path.string(), errno_text(errno));
  Mapping mapping(address, size);
  return parse_elf(mapping.bytes(), path.string());
}

bool has_elf_magic(const std::filesystem::path& path) noexcept {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  char magic[SELFMAG];
  return ::pread(fd.get(), magic, SELFMAG, 0) == SELFMAG && std::memcmp(magic, ELFMAG, SELFMAG) == 0;
}

}  // namespace userpkg
