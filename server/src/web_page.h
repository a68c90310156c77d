// The address search page for people (GET /): server/web/index.html as
// built into the server. One self-contained page (its script and style
// inline), so it loads nothing from elsewhere: no build step, no CDN.
//
// Thread safety: thread-safe.

#ifndef BELADDR_SERVER_SRC_WEB_PAGE_H_
#define BELADDR_SERVER_SRC_WEB_PAGE_H_

#include <string_view>

namespace beladdr::server {

// The text of server/web/index.html at build time.
std::string_view WebPage();

}  // namespace beladdr::server

#endif  // BELADDR_SERVER_SRC_WEB_PAGE_H_
