/* SPDX-License-Identifier: MIT */
/*
 * The little of <windows.h> that vkd3d-common and vkd3d-shader use on a
 * non-Windows host.  Wine's copy of vkd3d includes wine's own windows.h
 * here (upstream vkd3d has vkd3d_windows.h); neither builds natively in
 * our tree, so this provides just the types, macros and status codes
 * that those sources name (found by compiling them).
 */
#ifndef CSVGA_VKD3D_COMPAT_WINDOWS_H
#define CSVGA_VKD3D_COMPAT_WINDOWS_H

#ifdef _WIN32
#error "on Windows, use the real windows.h"
#endif

#include <stdint.h>
#include <string.h>

#include <stddef.h>

typedef int INT;
typedef unsigned int UINT;
typedef float FLOAT;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef LONG HRESULT;
typedef uint16_t WCHAR;

typedef struct _GUID
{
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;

#ifndef CONTAINING_RECORD
#define CONTAINING_RECORD(address, type, field) \
        ((type *)((char *)(address) - offsetof(type, field)))
#endif

/* windows.h's min and max macros (evaluate an argument twice, as there). */
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif

/* COM and DXGI status codes, as Windows defines their values. */
#define S_OK                    ((HRESULT)0)
#define S_FALSE                 ((HRESULT)1)
#define E_NOTIMPL               ((HRESULT)0x80004001)
#define E_NOINTERFACE           ((HRESULT)0x80004002)
#define E_POINTER               ((HRESULT)0x80004003)
#define E_ABORT                 ((HRESULT)0x80004004)
#define E_FAIL                  ((HRESULT)0x80004005)
#define E_OUTOFMEMORY           ((HRESULT)0x8007000e)
#define E_INVALIDARG            ((HRESULT)0x80070057)
#define DXGI_ERROR_NOT_FOUND    ((HRESULT)0x887a0002)
#define DXGI_ERROR_MORE_DATA    ((HRESULT)0x887a0003)
#define DXGI_ERROR_UNSUPPORTED  ((HRESULT)0x887a0004)

#endif
