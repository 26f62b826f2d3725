#pragma once
/// A TOML text parsed by toml11 behind the project's guard (core/toml_guard.h): any failure,
/// of the guard or of the parse, is error `code` with its reason.

#include <exception>
#include <sstream>
#include <string>

#include <toml.hpp>

#include "core/result.h"
#include "core/toml_guard.h"

namespace sw {

inline Result<toml::value> parse_toml_text(const std::string& text, const std::string& origin,
                                           const std::string& code) {
  if (Status checked = check_toml_text(text, origin, code); !checked) return checked.error();
  try {
    std::istringstream stream(text);
    return toml::parse(stream, origin);
  } catch (const std::exception& error) {
    return Error{code, error.what()};
  }
}

}  // namespace sw
