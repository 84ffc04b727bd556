#!/bin/sh
# Example: the desktop settings a kiosk needs, for the kiosk user. Run once
# in that user's session (or over ssh with dbus-run-session). Every line is
# explained in the README, "Running a kiosk at an event".
set -e

# Never blank or lock the screen, never suspend on an idle timer.
gsettings set org.gnome.desktop.session idle-delay 0
gsettings set org.gnome.desktop.screensaver lock-enabled false
gsettings set org.gnome.desktop.screensaver idle-activation-enabled false
gsettings set org.gnome.settings-daemon.plugins.power sleep-inactive-ac-type 'nothing'
gsettings set org.gnome.settings-daemon.plugins.power sleep-inactive-battery-type 'nothing'
gsettings set org.gnome.settings-daemon.plugins.power idle-dim false
# No notifications over the exhibition.
gsettings set org.gnome.desktop.notifications show-banners false

# The kiosk itself.
APP=io.github.KhojalyMemorial.Exhibition
gsettings set $APP kiosk-mode true
gsettings set $APP kiosk-language "${KIOSK_LANGUAGE:-az}"
gsettings set $APP kiosk-idle-seconds "${KIOSK_IDLE_SECONDS:-120}"
gsettings set $APP kiosk-countdown-seconds 20
# The loudest a video or recording plays, in percent.
gsettings set $APP kiosk-volume "${KIOSK_VOLUME:-70}"
# Optional opening hours; outside them the screen goes black until touched.
# gsettings set $APP kiosk-opening-time '09:00'
# gsettings set $APP kiosk-closing-time '18:00'
