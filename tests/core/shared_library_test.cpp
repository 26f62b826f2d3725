// Libraries opened at run time (core/shared_library.h): a table bound from a real
// library, and the errors for a missing library or symbol.

#include "core/shared_library.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

namespace sw {
namespace {

struct LibcApi {
  SW_SHARED_API_MEMBER(atoi)
  SW_SHARED_API_MEMBER(strlen)
};
Status bind_libc(void* library, const char* soname, LibcApi& api) {
  SW_SHARED_API_BIND(atoi)
  SW_SHARED_API_BIND(strlen)
  return Ok{};
}

TEST(SharedLibrary, BindsATableFromARealLibrary) {
  const auto api = load_shared_api<LibcApi>("libc.so.6", bind_libc);
  ASSERT_TRUE(api) << api.error().detail;
  EXPECT_EQ((*api)->atoi("2021"), 2021);
  EXPECT_EQ((*api)->strlen("Dover"), 5U);
  // Loaded once: the same table again.
  EXPECT_EQ(*load_shared_api<LibcApi>("libc.so.6", bind_libc), *api);
}

struct MissingLibraryApi {
  SW_SHARED_API_MEMBER(atoi)
};
Status bind_missing_library(void* library, const char* soname, MissingLibraryApi& api) {
  SW_SHARED_API_BIND(atoi)
  return Ok{};
}

TEST(SharedLibrary, MissingLibraryIsAnErrorNamingIt) {
  for (int attempt = 0; attempt < 2; ++attempt) {  // reported on every use
    const auto api =
        load_shared_api<MissingLibraryApi>("libstraitwatch-absent.so.9", bind_missing_library);
    ASSERT_FALSE(api);
    EXPECT_EQ(api.error().code, "library_missing");
    EXPECT_NE(api.error().detail.find("libstraitwatch-absent.so.9"), std::string::npos);
  }
}

TEST(SharedLibrary, MissingSymbolIsAnErrorNamingIt) {
  const auto library = open_shared_library("libc.so.6");
  ASSERT_TRUE(library) << library.error().detail;
  const auto symbol = shared_library_symbol(*library, "libc.so.6", "straitwatch_no_such_symbol");
  ASSERT_FALSE(symbol);
  EXPECT_EQ(symbol.error().code, "symbol_missing");
  EXPECT_EQ(symbol.error().detail, "libc.so.6 has no symbol straitwatch_no_such_symbol");
}

}  // namespace
}  // namespace sw
