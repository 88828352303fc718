// SHA-256 (FIPS 180-4) of a byte string, and Base64 (RFC 4648) to write it: the HTML
// brief names its one stylesheet in its Content-Security-Policy by this digest.
#ifndef CROSSCHECK_BASE_SHA256_H_
#define CROSSCHECK_BASE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace crosscheck {

std::array<uint8_t, 32> Sha256(std::string_view data);

// Standard alphabet, with "=" padding.
std::string Base64(std::string_view bytes);

}  // namespace crosscheck

#endif  // CROSSCHECK_BASE_SHA256_H_
