#pragma once

namespace Rapport {

// Icons come from the desktop's icon theme by their freedesktop names (QIcon::fromTheme).
// Where the desktop has no theme, or its theme lacks a name, Rapport's own icons stand in:
// a small scalable theme compiled into the program (resources/icons/rapport), sharp at any
// size and device pixel ratio. Call once, after the QGuiApplication exists.
void installIconTheme();

// The name of Rapport's own theme, as QIcon::fallbackThemeName() reports it once installed.
inline constexpr char iconThemeName[] = "rapport";

} // namespace Rapport
