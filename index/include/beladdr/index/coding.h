// Byte-level encodings used by the on-disk index: varints, fixed-width
// big-endian integers (so that keys sort numerically), length-prefixed
// strings, and delta+varint posting lists.
//
// Every Get* function reads from a std::string_view cursor and advances it;
// it returns false (leaving the cursor unspecified) on truncated or
// malformed input, never reading past the end.
//
// Thread safety: all functions are pure.

#ifndef BELADDR_INDEX_CODING_H_
#define BELADDR_INDEX_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace beladdr::internal {

void PutVarint32(std::string* dst, uint32_t v);
void PutVarint64(std::string* dst, uint64_t v);
void PutFixed32BigEndian(std::string* dst, uint32_t v);
void PutLengthPrefixed(std::string* dst, std::string_view s);

bool GetVarint32(std::string_view* in, uint32_t* v);
bool GetVarint64(std::string_view* in, uint64_t* v);
bool GetFixed32BigEndian(std::string_view* in, uint32_t* v);
// On success *s views bytes of the original buffer (valid while it lives).
bool GetLengthPrefixed(std::string_view* in, std::string_view* s);
bool GetByte(std::string_view* in, uint8_t* b);

// The 4-byte big-endian key of an integer id.
std::string EncodeIdKey(uint32_t id);
bool DecodeIdKey(std::string_view key, uint32_t* id);

// Posting list: varint count, then the first id, then the gaps to each
// following id, all as varints.
// REQUIRES: ids strictly increasing.
void EncodePostingList(const std::vector<uint32_t>& ids, std::string* dst);

// Decodes a whole posting list; false on malformed or non-increasing input.
bool DecodePostingList(std::string_view in, std::vector<uint32_t>* ids);

// Walks an encoded posting list without materialising it.
// The viewed bytes must outlive the iterator.
class PostingIterator {
 public:
  explicit PostingIterator(std::string_view encoded);

  // Number of ids the list declares (0 for a malformed header).
  uint32_t size() const { return size_; }
  bool Valid() const { return valid_; }
  uint32_t value() const { return current_; }
  // Inline: the search walks thousands of postings per query.
  void Next() {
    if (read_ == size_) {
      valid_ = false;
      if (!rest_.empty()) ok_ = false;  // trailing bytes: malformed
      return;
    }
    uint32_t delta = 0;
    // One-byte gaps are the common case in dense lists.
    if (!rest_.empty() && static_cast<uint8_t>(rest_.front()) < 0x80) {
      delta = static_cast<uint8_t>(rest_.front());
      rest_.remove_prefix(1);
    } else if (!GetVarint32(&rest_, &delta)) {
      valid_ = false;
      ok_ = false;
      return;
    }
    if ((read_ > 0 && delta == 0) ||
        (read_ > 0 && delta > UINT32_MAX - current_)) {
      valid_ = false;
      ok_ = false;
      return;
    }
    current_ = read_ == 0 ? delta : current_ + delta;
    ++read_;
    valid_ = true;
  }
  // False once the list turned out to be malformed.
  bool ok() const { return ok_; }

 private:
  std::string_view rest_;
  uint32_t size_ = 0;
  uint32_t read_ = 0;
  uint32_t current_ = 0;
  bool valid_ = false;
  bool ok_ = true;
};

}  // namespace beladdr::internal

#endif  // BELADDR_INDEX_CODING_H_
