#include "internal/trigram_index.h"

#include <algorithm>

#include "beladdr/index/coding.h"

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
  runs_.clear();
  run_begin_.assign(lists_.size() + 1, 0);
  for (size_t slot = 0; slot < lists_.size(); ++slot) {
    const List& l = lists_[slot];
    const auto first = ids_.begin() + l.offset;
    std::sort(first, first + l.count, [&keys](uint32_t a, uint32_t b) {
      return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
    });
    run_begin_[slot] = static_cast<uint32_t>(runs_.size());
    for (uint32_t i = l.offset; i < l.offset + l.count; ++i) {
      const uint8_t key = keys[ids_[i]];
      if (i == l.offset || key != runs_.back().key) runs_.push_back({i, key});
    }
  }
  run_begin_.back() = static_cast<uint32_t>(runs_.size());
  return Status::OK();
}

std::span<const uint32_t> TrigramIndex::PostingsWithKeys(Trigram trigram,
                                                         uint8_t lo,
                                                         uint8_t hi) const {
  const int slot = Slot(trigram);
  if (slot < 0 || run_begin_.empty() || lo > hi) return {};
  const List& l = lists_[static_cast<size_t>(slot)];
  const KeyRun* run = runs_.data() + run_begin_[static_cast<size_t>(slot)];
  const KeyRun* const last = runs_.data() + run_begin_[slot + 1];
  while (run != last && run->key < lo) ++run;
  const uint32_t begin = run == last ? l.offset + l.count : run->start;
  while (run != last && run->key <= hi) ++run;
  const uint32_t end = run == last ? l.offset + l.count : run->start;
  return std::span<const uint32_t>(ids_).subspan(begin, end - begin);
}

size_t TrigramIndex::MemoryUsage() const {
  return ids_.capacity() * sizeof(uint32_t) +
         runs_.capacity() * sizeof(KeyRun) +
         run_begin_.capacity() * sizeof(uint32_t) +
         lists_.capacity() * sizeof(List);
}

}  // namespace beladdr::internal
