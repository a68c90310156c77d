#include "internal/trigram_index.h"

#include "internal/coding.h"

namespace beladdr::internal {

Status TrigramIndex::Add(Trigram trigram, std::string_view encoded) {
  PostingIterator it(encoded);
  uint32_t seen = 0;
  for (; it.Valid(); it.Next()) ++seen;
  if (!it.ok() || seen != it.size()) {
    return Status::Corruption("malformed posting list for trigram '" +
                              TrigramKey(trigram) + "'");
  }
  List list;
  list.offset = static_cast<uint32_t>(arena_.size());
  list.length = static_cast<uint32_t>(encoded.size());
  list.count = seen;
  if (!lists_.emplace(trigram, list).second) {
    return Status::Corruption("trigram listed twice");
  }
  arena_.append(encoded);
  return Status::OK();
}

std::string_view TrigramIndex::Postings(Trigram trigram) const {
  auto it = lists_.find(trigram);
  if (it == lists_.end()) return {};
  return std::string_view(arena_).substr(it->second.offset, it->second.length);
}

uint32_t TrigramIndex::DocumentFrequency(Trigram trigram) const {
  auto it = lists_.find(trigram);
  return it == lists_.end() ? 0 : it->second.count;
}

size_t TrigramIndex::MemoryUsage() const {
  return arena_.capacity() + lists_.size() * (sizeof(Trigram) + sizeof(List) + 16);
}

}  // namespace beladdr::internal
