// libqrencode (Debian: libqrencode-dev): the kiosk draws a listing's apply link as a QR code.
#include <qrencode.h>
