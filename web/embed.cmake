# Writes a C file defining each web/ asset as a NUL-terminated char array, so that the pages
# need no file at run time. Run as: cmake -DOUT=file.c -DIN="name=path;..." -P embed.cmake
set(body "/* Generated from web/ by web/embed.cmake: do not edit. */\n#include \"serve/web.h\"\n")
foreach(pair IN LISTS IN)
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 0 name)
    list(GET parts 1 path)
    file(READ "${path}" hex HEX)
    # (char) casts: bytes of UTF-8 text above 0x7F do not fit a signed char as plain numbers.
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "(char)0x\\1," bytes "${hex}")
    string(APPEND body "const char ${name}[] = {\n    ${bytes}0x00};\n")
endforeach()
file(WRITE "${OUT}.tmp" "${body}")
file(RENAME "${OUT}.tmp" "${OUT}")
