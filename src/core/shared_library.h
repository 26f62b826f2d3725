#pragma once
/// Shared libraries opened when first needed (dlopen) instead of linked: libpq, netCDF
/// and cairo serve a few commands each, but a linked library and its dependencies (some
/// sixty for these three) are loaded and relocated at the start of every command,
/// 8 ms before `straitwatch ais decode` reads its first line.
///
/// Each such library has an API table: a struct of function pointers declared with
/// SW_SHARED_API_MEMBER from the library's own header (the types are checked against
/// its prototypes), filled once per process by load_shared_api. A missing library or
/// symbol is an Error naming it, reported on every use, never a crash.

#include <dlfcn.h>

#include <string>

#include "core/result.h"

namespace sw {

/// dlopen(soname): the library stays loaded for the life of the process.
inline Result<void*> open_shared_library(const char* soname) {
  void* library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* reason = dlerror();
    return Error{"library_missing", std::string("cannot load ") + soname + ": " +
                                        (reason != nullptr ? reason : "unknown reason")};
  }
  return library;
}

/// The address of `name` in `library` (opened as `soname`).
inline Result<void*> shared_library_symbol(void* library, const char* soname, const char* name) {
  dlerror();
  void* address = dlsym(library, name);
  if (address == nullptr) {
    return Error{"symbol_missing", std::string(soname) + " has no symbol " + name};
  }
  return address;
}

/// Loads `Api` once per process: opens `soname` and lets `bind` fill the table.
/// Later calls return the same table, or the same error.
template <typename Api>
Result<const Api*> load_shared_api(const char* soname,
                                   Status (*bind)(void* library, const char* soname, Api& api)) {
  static const Result<Api> loaded = [&]() -> Result<Api> {
    auto library = open_shared_library(soname);
    if (!library) return library.error();
    Api api;
    if (auto bound = bind(*library, soname, api); !bound) return bound.error();
    return api;
  }();
  if (!loaded) return loaded.error();
  return &loaded.value();
}

}  // namespace sw

/// A member of an API table: a pointer typed as the library's own prototype of `name`.
#define SW_SHARED_API_MEMBER(name) decltype(&::name) name = nullptr;
/// In a bind function (parameters library, soname, api): look `name` up or return.
#define SW_SHARED_API_BIND(name)                                                       \
  {                                                                                    \
    auto found = ::sw::shared_library_symbol(library, soname, #name);                  \
    if (!found) return found.error();                                                  \
    api.name = reinterpret_cast<decltype(&::name)>(*found); /* NOLINT: dlsym's type */ \
  }
