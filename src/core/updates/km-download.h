/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "km-pack-manifest.h"

G_BEGIN_DECLS

#define KM_DOWNLOAD_ERROR (km_download_error_quark ())

typedef enum {
  KM_DOWNLOAD_ERROR_ADDRESS,   /* no server, not HTTP(S), or HTTP not allowed */
  KM_DOWNLOAD_ERROR_STATUS,    /* the server answered other than 200 (or 304) */
  KM_DOWNLOAD_ERROR_PATH,      /* the manifest's path leaves the folder */
  KM_DOWNLOAD_ERROR_SIZE,      /* larger or smaller than the manifest says */
  KM_DOWNLOAD_ERROR_CHECKSUM,  /* not the manifest's SHA-256 */
  KM_DOWNLOAD_ERROR_NO_SPACE,  /* over the room it was given on the disk */
} KmDownloadError;

#define KM_TYPE_DOWNLOAD (km_download_get_type ())

G_DECLARE_FINAL_TYPE (KmDownload, km_download, KM, DOWNLOAD, GObject)

GQuark      km_download_error_quark    (void);

KmDownload *km_download_new_for_uri    (SoupSession       *session,
                                        GUri              *uri,
                                        gboolean           allow_http,
                                        const KmPackFile  *file,
                                        GFile             *dir,
                                        guint64            room);
KmDownload *km_download_new_for_stream (GInputStream      *in,
                                        const KmPackFile  *file,
                                        GFile             *dir,
                                        guint64            room);
guint64     km_download_get_received   (KmDownload        *self);
void        km_download_run_async      (KmDownload        *self,
                                        GCancellable      *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer           user_data);
gboolean    km_download_run_finish     (KmDownload        *self,
                                        GAsyncResult      *result,
                                        GError           **error);

gboolean    km_download_check_uri      (GUri              *uri,
                                        gboolean           allow_http,
                                        GError           **error);
gboolean    km_download_check_response (SoupMessage       *message,
                                        gboolean           allow_http,
                                        gboolean           allow_304,
                                        GError           **error);

G_END_DECLS
