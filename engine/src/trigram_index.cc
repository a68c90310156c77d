#include "internal/trigram_index.h"

#include <algorithm>

#include "internal/coding.h"

namespace beladdr::internal {

TrigramIndex::TrigramIndex() : lists_(kSymbols * kSymbols * kSymbols) {}

Status TrigramIndex::Add(Trigram trigram, std::string_view encoded) {
  const int slot = Slot(trigram);
  if (slot < 0) {
    return Status::Corruption("trigram with unexpected bytes: '" +
                              TrigramKey(trigram) + "'");
  }
  List& list = lists_[static_cast<size_t>(slot)];
  if (list.count != 0) return Status::Corruption("trigram listed twice");
  const size_t start = ids_.size();
  PostingIterator it(encoded);
  for (; it.Valid(); it.Next()) ids_.push_back(it.value());
  const size_t seen = ids_.size() - start;
  if (!it.ok() || seen != it.size()) {
    ids_.resize(start);
    return Status::Corruption("malformed posting list for trigram '" +
                              TrigramKey(trigram) + "'");
  }
  list.offset = static_cast<uint32_t>(start);
  list.count = static_cast<uint32_t>(seen);
  ++size_;
  return Status::OK();
}

Status TrigramIndex::SortByKey(const std::vector<uint8_t>& keys) {
  for (const uint32_t id : ids_) {
    if (id >= keys.size())
      return Status::InvalidArgument("posting without a key");
  }
  for (const List& l : lists_) {
    const auto first = ids_.begin() + l.offset;
    std::sort(first, first + l.count, [&keys](uint32_t a, uint32_t b) {
      return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
    });
  }
  keys_.resize(ids_.size());
  for (size_t i = 0; i < ids_.size(); ++i) keys_[i] = keys[ids_[i]];
  return Status::OK();
}

std::span<const uint32_t> TrigramIndex::PostingsWithKeys(Trigram trigram,
                                                         uint8_t lo,
                                                         uint8_t hi) const {
  const int slot = Slot(trigram);
  if (slot < 0 || keys_.empty() || lo > hi) return {};
  const List& l = lists_[static_cast<size_t>(slot)];
  const auto keys = keys_.begin() + l.offset;
  const auto begin = std::lower_bound(keys, keys + l.count, lo);
  const auto end = std::upper_bound(begin, keys + l.count, hi);
  return std::span<const uint32_t>(ids_).subspan(
      static_cast<size_t>(begin - keys_.begin()),
      static_cast<size_t>(end - begin));
}

size_t TrigramIndex::MemoryUsage() const {
  return ids_.capacity() * sizeof(uint32_t) + keys_.capacity() +
         lists_.capacity() * sizeof(List);
}

}  // namespace beladdr::internal
