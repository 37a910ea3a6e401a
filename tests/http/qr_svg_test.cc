// QrCodeSvg: the SVG's structure (CSP-safe, accessible, quiet zone, one path), determinism, the
// limits, and — when zbarimg (Debian zbar-tools) is installed — a decode round trip: the path is
// rasterised to a PBM image here and zbar, an independent decoder, must read the text back.
#include "core/http/qr_svg.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <algorithm>
#include <string>
#include <vector>

namespace vaardig::http {
namespace {

constexpr std::string_view kOfferLink =
    "openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.gemeente-voorbeeld.nl%2Fcredential-offer%"
    "2F3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

QrOptions Titled(std::string title = "QR-code") { return QrOptions{.title = std::move(title)}; }

std::size_t Count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text between `before` and the next `after` (std::regex overflows the stack on long paths).
std::string Between(const std::string& text, std::string_view before, std::string_view after) {
  const auto at = text.find(before);
  if (at == std::string::npos) return "";
  const auto from = at + before.size();
  const auto to = text.find(after, from);
  return to == std::string::npos ? "" : text.substr(from, to - from);
}

// The viewBox size (modules, quiet zone included); -1 when it is not "0 0 n n".
int ViewBoxSize(const std::string& svg) {
  const std::string box = Between(svg, "viewBox=\"0 0 ", "\"");
  const auto space = box.find(' ');
  if (space == std::string::npos || box.substr(0, space) != box.substr(space + 1)) return -1;
  return std::stoi(box.substr(0, space));
}

std::string PathData(const std::string& svg) { return Between(svg, "<path fill=\"#000000\" d=\"", "\"/>"); }

// Reads a non-negative decimal at `at`, advancing it; -1 when there is none.
int Number(std::string_view d, std::size_t& at) {
  int value = -1;
  while (at < d.size() && d[at] >= '0' && d[at] <= '9') value = (value < 0 ? 0 : value * 10) + (d[at++] - '0');
  return value;
}

bool Expect(std::string_view d, std::size_t& at, std::string_view token) {
  if (d.substr(at, token.size()) != token) return false;
  at += token.size();
  return true;
}

// The dark modules of the path: each subpath must be "M<x> <y>h<n>v1h-<n>z" (a run one module high).
std::vector<std::vector<bool>> Modules(const std::string& svg) {
  const int n = std::max(ViewBoxSize(svg), 0);
  std::vector<std::vector<bool>> grid(n, std::vector<bool>(n));
  const std::string d = PathData(svg);
  std::size_t at = 0;
  while (at < d.size()) {
    int x = -1, y = -1, len = -1, back = -1;
    const bool ok = Expect(d, at, "M") && (x = Number(d, at)) >= 0 && Expect(d, at, " ") && (y = Number(d, at)) >= 0 &&
                    Expect(d, at, "h") && (len = Number(d, at)) > 0 && Expect(d, at, "v1h-") &&
                    (back = Number(d, at)) == len && Expect(d, at, "z");
    if (!ok) {
      ADD_FAILURE() << "path is not a list of runs at offset " << at;
      break;
    }
    EXPECT_LT(y, n);
    EXPECT_LE(x + len, n);
    for (int i = 0; i < len && y < n && x + i < n; ++i) grid[y][x + i] = true;
  }
  return grid;
}

TEST(QrCodeSvg, IsAccessibleCspSafeSvgWithOnePath) {
  auto svg = QrCodeSvg(kOfferLink, Titled("Scan deze code met je wallet"));
  ASSERT_TRUE(svg.has_value()) << svg.error();
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
  EXPECT_TRUE(svg->ends_with("</svg>"));
  EXPECT_NE(svg->find(" role=\"img\" aria-label=\"Scan deze code met je wallet\""), std::string::npos);
  EXPECT_NE(svg->find("<title>Scan deze code met je wallet</title>"), std::string::npos);
  EXPECT_EQ(Count(*svg, "<path"), 1u);
  EXPECT_EQ(Count(*svg, "<rect"), 1u);
  for (std::string_view forbidden : {"style", "script", "foreignObject", "href", " on"}) {
    EXPECT_EQ(svg->find(forbidden), std::string::npos) << forbidden;
  }
  // No fixed size unless asked: the viewBox scales with CSS.
  const std::string open_tag = svg->substr(0, svg->find('>'));
  EXPECT_EQ(open_tag.find(" width="), std::string::npos) << open_tag;
  EXPECT_EQ(open_tag.find(" class="), std::string::npos) << open_tag;
}

TEST(QrCodeSvg, HasAFourModuleQuietZoneAndFinderPatterns) {
  auto svg = QrCodeSvg(kOfferLink, Titled());
  ASSERT_TRUE(svg.has_value()) << svg.error();
  const int n = ViewBoxSize(*svg);
  const int width = n - 8;
  ASSERT_GE(width, 21);
  EXPECT_EQ((width - 17) % 4, 0) << "a QR code is 17 + 4·version modules wide";
  const auto grid = Modules(*svg);
  for (int i = 0; i < n; ++i) {
    for (int q = 0; q < 4; ++q) {
      EXPECT_FALSE(grid[q][i]) << "top quiet zone " << i;
      EXPECT_FALSE(grid[n - 1 - q][i]) << "bottom quiet zone " << i;
      EXPECT_FALSE(grid[i][q]) << "left quiet zone " << i;
      EXPECT_FALSE(grid[i][n - 1 - q]) << "right quiet zone " << i;
    }
  }
  // The three finder patterns' outer rings: 7×7 dark border at top-left, top-right, bottom-left.
  for (auto [ox, oy] : {std::pair{4, 4}, std::pair{4 + width - 7, 4}, std::pair{4, 4 + width - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(grid[oy][ox + i] && grid[oy + 6][ox + i] && grid[oy + i][ox] && grid[oy + i][ox + 6]);
    }
    EXPECT_FALSE(grid[oy + 1][ox + 1]);
    EXPECT_TRUE(grid[oy + 3][ox + 3]);
  }
}

TEST(QrCodeSvg, IsDeterministicAndDependsOnTheText) {
  auto a = QrCodeSvg(kOfferLink, Titled());
  auto b = QrCodeSvg(kOfferLink, Titled());
  auto c = QrCodeSvg(std::string(kOfferLink) + "0", Titled());
  ASSERT_TRUE(a.has_value() && b.has_value() && c.has_value());
  EXPECT_EQ(*a, *b);
  EXPECT_NE(PathData(*a), PathData(*c));
}

TEST(QrCodeSvg, SizeAndClassAreOptionalAttributes) {
  auto svg = QrCodeSvg("hello", QrOptions{.title = "t", .size_px = 240, .css_class = "qr-code"});
  ASSERT_TRUE(svg.has_value()) << svg.error();
  EXPECT_NE(svg->find(" width=\"240\" height=\"240\" class=\"qr-code\" role=\"img\""), std::string::npos);
}

TEST(QrCodeSvg, TitleIsEscaped) {
  auto svg = QrCodeSvg("x", Titled("<script>\"a\" & 'b'</script>"));
  ASSERT_TRUE(svg.has_value()) << svg.error();
  EXPECT_EQ(svg->find("<script"), std::string::npos);
  EXPECT_NE(svg->find("<title>&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;</title>"), std::string::npos);
  EXPECT_NE(svg->find("aria-label=\"&lt;script&gt;&quot;a&quot;"), std::string::npos);
}

TEST(QrCodeSvg, SizeLimits) {
  const std::string max(kMaxQrTextBytes, 'a');
  auto big = QrCodeSvg(max, Titled());
  ASSERT_TRUE(big.has_value()) << big.error();
  EXPECT_LE(ViewBoxSize(*big), 177 + 8);

  auto over = QrCodeSvg(max + "a", Titled());
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(over.error().message(), "QR code text is 2001 bytes; at most 2000 fit");
}

TEST(QrCodeSvg, BadInputIsInvalidArgument) {
  struct Case {
    std::string text;
    QrOptions options;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", Titled(), "QR code text is empty"},
      {"x", QrOptions{}, "QR code title is empty: it names the image"},
      {"x", Titled(std::string(201, 't')), "QR code title is longer than 200 bytes"},
      {"x", QrOptions{.title = "t", .size_px = -1}, "QR code size_px must be 0...4096"},
      {"x", QrOptions{.title = "t", .size_px = 4097}, "QR code size_px must be 0...4096"},
      {"x", QrOptions{.title = "t", .css_class = "a\" onload=\"x"},
       "QR code css_class may hold only letters, digits, '-' and '_'"},
  };
  for (const Case& c : cases) {
    auto svg = QrCodeSvg(c.text, c.options);
    ASSERT_FALSE(svg.has_value()) << c.message;
    EXPECT_EQ(svg.error().code(), ErrorCode::kInvalidArgument) << c.message;
    EXPECT_EQ(svg.error().message(), c.message);
  }
}

#ifdef VAARDIG_ZBARIMG
// Rasterises the modules at `scale` pixels each into a plain PBM file and runs zbarimg on it.
std::string DecodeWithZbar(const std::string& svg, const std::string& name, int scale = 4) {
  const auto grid = Modules(svg);
  const std::string file = ::testing::TempDir() + "/" + name + ".pbm";
  {
    std::ofstream out(file);
    const std::size_t px = grid.size() * scale;
    out << "P1\n" << px << " " << px << "\n";
    for (const auto& row : grid) {
      std::string line;
      for (bool dark : row) {
        for (int i = 0; i < scale; ++i) line += dark ? "1 " : "0 ";
      }
      for (int i = 0; i < scale; ++i) out << line << "\n";
    }
  }
  const std::string command = std::string(VAARDIG_ZBARIMG) + " --quiet --raw -Sdisable -Sqrcode.enable '" + file + "' 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "<popen failed>";
  std::string output;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, got);
  ::pclose(pipe);
  if (!output.empty() && output.back() == '\n') output.pop_back();
  return output;
}

TEST(QrCodeSvg, ZbarDecodesTheOfferLink) {
  auto svg = QrCodeSvg(kOfferLink, Titled());
  ASSERT_TRUE(svg.has_value()) << svg.error();
  EXPECT_EQ(DecodeWithZbar(*svg, "offer"), kOfferLink);
}

TEST(QrCodeSvg, ZbarDecodesTheLargestText) {
  std::string text;
  while (text.size() < kMaxQrTextBytes) text += "https://issuer.example/" + std::to_string(text.size()) + "/";
  text.resize(kMaxQrTextBytes);
  auto svg = QrCodeSvg(text, Titled());
  ASSERT_TRUE(svg.has_value()) << svg.error();
  EXPECT_EQ(DecodeWithZbar(*svg, "largest", 3), text);
}
#endif

}  // namespace
}  // namespace vaardig::http
