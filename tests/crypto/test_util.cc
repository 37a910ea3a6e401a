#include "tests/crypto/test_util.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vaardig::crypto::testing {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Bytes Hex(std::string_view hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd-length hex");
  Bytes out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexValue(hex[i]);
    const int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) throw std::invalid_argument("bad hex digit");
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

std::string ToHex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

nlohmann::json LoadVectorFile(std::string_view relative_path) {
  const std::string path = std::string(VAARDIG_VECTORS_DIR) + "/" + std::string(relative_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str());
}

std::string WycheproofVector::Label() const {
  std::string label = "tcId " + std::to_string(tc_id) + " (" + result;
  for (const std::string& flag : flags) label += ", " + flag;
  return label + "): " + comment;
}

WycheproofFile LoadWycheproof(std::string_view file_name) {
  const nlohmann::json json = LoadVectorFile("wycheproof/" + std::string(file_name));
  WycheproofFile file;
  file.number_of_tests = json.at("numberOfTests").get<int>();
  for (const nlohmann::json& group_json : json.at("testGroups")) {
    WycheproofGroup group;
    group.public_key = group_json.at("publicKey");
    for (const nlohmann::json& test : group_json.at("tests")) {
      WycheproofVector v;
      v.tc_id = test.at("tcId").get<int>();
      v.comment = test.at("comment").get<std::string>();
      v.flags = test.at("flags").get<std::vector<std::string>>();
      v.msg = Hex(test.at("msg").get<std::string>());
      v.sig = Hex(test.at("sig").get<std::string>());
      v.result = test.at("result").get<std::string>();
      group.tests.push_back(std::move(v));
      ++file.loaded;
    }
    file.groups.push_back(std::move(group));
  }
  return file;
}

}  // namespace vaardig::crypto::testing
