// A minimal streaming JSON writer for the search answer, the hot path of
// the API: it writes straight into one string (no DOM), and prints scores
// as plain decimals ("0.9921") where Boost.JSON 1.81 would print
// "9.921E-1".
//
// The caller is trusted to nest correctly (a key before every value inside
// an object); strings must be valid UTF-8 and are escaped per RFC 8259.
//
// Thread safety: one writer per thread.

#ifndef BELADDR_API_SRC_JSON_WRITER_H_
#define BELADDR_API_SRC_JSON_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

namespace beladdr::api {

class JsonWriter {
 public:
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(long long value);
  // A number with at most `decimals` digits after the point, trailing
  // zeros dropped (0.93, 1.0, 0.9921).
  void Fixed(double value, int decimals);
  void Null();
  void Bool(bool value);

  // Convenience: Key then value.
  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }

  std::string Release() { return std::move(out_); }

 private:
  void Open(char c);
  void Close(char c);
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace beladdr::api

#endif  // BELADDR_API_SRC_JSON_WRITER_H_
