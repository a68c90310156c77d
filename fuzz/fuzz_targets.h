// The fuzz entry points as plain functions: each takes arbitrary bytes and
// must neither crash, hang, nor trip a sanitizer, whatever they are.
//
// They are built by every compiler: the libFuzzer programs (fuzz/targets/,
// clang only, BELADDR_FUZZ=ON) call them, and so does the regression test
// (tests/fuzz/replay_test.cc), which replays every input in
// fuzz/regressions/<target>/ in the normal suite.
//
// The parser and handler targets search a real index: the one set with
// SetIndexDir(), else $BELADDR_FUZZ_INDEX, else var/index.

#ifndef BELADDR_FUZZ_FUZZ_TARGETS_H_
#define BELADDR_FUZZ_FUZZ_TARGETS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace beladdr::fuzz {

// Where the index comes from; call before the first input.
void SetIndexDir(const std::string& dir);

// ICU folding (both forms), tokenizing and name normalisation.
void Normalizer(const uint8_t* data, size_t size);
// The free-text and structured parser over the index's dictionaries, then
// the whole search and resolution on what it accepted.
void QueryParser(const uint8_t* data, size_t size);
// The JSON request decoders (search and resolve) and the query-string
// decoder, with a round trip of what they accept.
void JsonDecoder(const uint8_t* data, size_t size);
// Raw bytes as an HTTP/1.1 request: Beast's parser with the server's
// limits, then Handler::Handle on whatever it parsed.
void HttpHandler(const uint8_t* data, size_t size);

// The target called `name` ("normalizer", "query_parser", "json_decoder",
// "handler"); null for an unknown name.
using Target = void (*)(const uint8_t*, size_t);
Target FindTarget(std::string_view name);

}  // namespace beladdr::fuzz

#endif  // BELADDR_FUZZ_FUZZ_TARGETS_H_
