#pragma once
/// XML 1.0 text escaping for the CoT encoder.

#include <string>
#include <string_view>

namespace sw::cot {

/// Appends `text` escaped for a double-quoted attribute value or element content:
/// & < > " ' as entities, tab/LF/CR as character references (so that attribute-value
/// normalisation keeps them), and anything XML 1.0 cannot carry (other C0 controls,
/// invalid UTF-8, U+FFFE/U+FFFF) as '?'.
void append_xml_escaped(std::string& out, std::string_view text);

}  // namespace sw::cot
