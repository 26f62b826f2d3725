#include "ingest/asterix/record_decode.h"

namespace sw::asterix {

std::uint8_t icao_six_bit_code(char letter) {
  if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
  if (letter >= 'A' && letter <= 'Z') return static_cast<std::uint8_t>(letter - 'A' + 1);
  if (letter >= '0' && letter <= '9') return static_cast<std::uint8_t>(letter - '0' + 48);
  return 32;
}

char icao_six_bit_char(std::uint8_t code) {
  if (code >= 1 && code <= 26) return static_cast<char>('A' + code - 1);
  if (code == 32) return ' ';
  if (code >= 48 && code <= 57) return static_cast<char>('0' + code - 48);
  return '?';
}

}  // namespace sw::asterix
