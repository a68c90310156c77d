#include "body_stream.h"

#include <utility>

namespace beladdr::server {
namespace {

class Gzipped : public BodyStream {
 public:
  explicit Gzipped(std::shared_ptr<BodyStream> inner)
      : inner_(std::move(inner)) {}

  StatusOr<bool> Next(std::string* piece) override {
    if (finished_) return false;
    std::string plain;
    StatusOr<bool> more = inner_->Next(&plain);
    if (!more.ok()) return more.status();
    finished_ = !*more;
    BELADDR_RETURN_IF_ERROR(writer_.Write(plain, finished_, piece));
    return true;
  }

  void Trailer(boost::beast::http::fields* trailer) const override {
    inner_->Trailer(trailer);
  }

 private:
  std::shared_ptr<BodyStream> inner_;
  GzipWriter writer_;
  bool finished_ = false;
};

}  // namespace

std::shared_ptr<BodyStream> GzipStream(std::shared_ptr<BodyStream> inner) {
  return std::make_shared<Gzipped>(std::move(inner));
}

}  // namespace beladdr::server
