// docs/openapi.yaml as built into the server (GET /openapi.yaml).
//
// Thread safety: thread-safe.

#ifndef BELADDR_SERVER_SRC_OPENAPI_TEXT_H_
#define BELADDR_SERVER_SRC_OPENAPI_TEXT_H_

#include <string_view>

namespace beladdr::server {

// The text of docs/openapi.yaml at build time.
std::string_view OpenApiText();

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_OPENAPI_TEXT_H_
