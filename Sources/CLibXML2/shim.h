#ifndef CONFORM_CLIBXML2_SHIM_H
#define CONFORM_CLIBXML2_SHIM_H

// xmlversion.h first, then drop ICU: Debian's libxml2 is built with ICU, and <unicode/ucnv.h>
// clashes with Foundation's own ICU ("'UErrorCode' has different definitions in different modules").
// Only ICU-only trailing fields of xmlCharEncodingHandler change, which conform never touches.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/tree.h>

// xmlFree is a global function pointer in C; calling it through this wrapper keeps Swift 6's
// strict concurrency checking quiet and correct.
static inline void conform_xml_free(void *pointer) { xmlFree(pointer); }

static inline const char *conform_libxml_version(void) { return xmlParserVersion; }

#endif
