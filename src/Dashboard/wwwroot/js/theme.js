// Keeps the app-bar switch's choice ("light", "dark", or null for "as the browser prefers") in the cookie the
// server reads when it renders a page (see Components/Layout/ThemeChoice.cs).
const name = "dashboard-theme";

export function remember(choice) {
  document.cookie = choice
    ? `${name}=${choice}; path=/; max-age=31536000; samesite=lax`
    : `${name}=; path=/; max-age=0; samesite=lax`;
}
