#include "beladdr/index/coding.h"

namespace beladdr::internal {

void PutVarint32(std::string* dst, uint32_t v) { PutVarint64(dst, v); }

void PutVarint64(std::string* dst, uint64_t v) {
  while (v >= 0x80) {
    dst->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  dst->push_back(static_cast<char>(v));
}

void PutFixed32BigEndian(std::string* dst, uint32_t v) {
  dst->push_back(static_cast<char>((v >> 24) & 0xff));
  dst->push_back(static_cast<char>((v >> 16) & 0xff));
  dst->push_back(static_cast<char>((v >> 8) & 0xff));
  dst->push_back(static_cast<char>(v & 0xff));
}

void PutLengthPrefixed(std::string* dst, std::string_view s) {
  PutVarint32(dst, static_cast<uint32_t>(s.size()));
  dst->append(s);
}

bool GetVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (unsigned shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    const auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool GetVarint32(std::string_view* in, uint32_t* v) {
  uint64_t wide = 0;
  if (!GetVarint64(in, &wide) || wide > UINT32_MAX) return false;
  *v = static_cast<uint32_t>(wide);
  return true;
}

bool GetFixed32BigEndian(std::string_view* in, uint32_t* v) {
  if (in->size() < 4) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(in->data());
  *v = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) |
       uint32_t{p[3]};
  in->remove_prefix(4);
  return true;
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* s) {
  uint32_t len = 0;
  if (!GetVarint32(in, &len) || in->size() < len) return false;
  *s = in->substr(0, len);
  in->remove_prefix(len);
  return true;
}

bool GetByte(std::string_view* in, uint8_t* b) {
  if (in->empty()) return false;
  *b = static_cast<uint8_t>(in->front());
  in->remove_prefix(1);
  return true;
}

std::string EncodeIdKey(uint32_t id) {
  std::string key;
  PutFixed32BigEndian(&key, id);
  return key;
}

bool DecodeIdKey(std::string_view key, uint32_t* id) {
  return key.size() == 4 && GetFixed32BigEndian(&key, id);
}

void EncodePostingList(const std::vector<uint32_t>& ids, std::string* dst) {
  PutVarint32(dst, static_cast<uint32_t>(ids.size()));
  uint32_t previous = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    PutVarint32(dst, i == 0 ? ids[i] : ids[i] - previous);
    previous = ids[i];
  }
}

bool DecodePostingList(std::string_view in, std::vector<uint32_t>* ids) {
  ids->clear();
  PostingIterator it(in);
  if (!it.ok()) return false;
  ids->reserve(it.size());
  for (; it.Valid(); it.Next()) ids->push_back(it.value());
  return it.ok() && ids->size() == it.size();
}

PostingIterator::PostingIterator(std::string_view encoded) : rest_(encoded) {
  if (!GetVarint32(&rest_, &size_)) {
    ok_ = false;
    size_ = 0;
    return;
  }
  Next();
}

}  // namespace beladdr::internal
