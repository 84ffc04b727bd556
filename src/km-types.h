/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Forward declarations, so that a header names a type from another layer
 * without including its header (and everything that one includes).
 * G_DECLARE_FINAL_TYPE repeats these typedefs; C11 allows that.
 */

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KmApplication     KmApplication;
typedef struct _KmContentStore    KmContentStore;
typedef struct _KmContentUpdater  KmContentUpdater;
typedef struct _KmContext         KmContext;
typedef struct _KmKioskController KmKioskController;
typedef struct _KmStatusServer    KmStatusServer;
typedef struct _KmWindow          KmWindow;

G_END_DECLS
