// The navigation drawer opens and closes in the browser, not on a circuit: pages such as Generate render the layout
// statically (ADR-009), and the drawer's state belongs to the tab anyway. The choice is a class on <html>, which no
// render touches, so it survives re-renders and enhanced navigation. Wide screens show the drawer unless it was
// toggled away; narrow screens hide it unless it was toggled open, and close it again when a link in it is followed.
(() => {
    const root = document.documentElement;
    const wide = window.matchMedia('(min-width: 960px)');
    const shown = () => wide.matches !== root.classList.contains('navigation-toggled');
    const sync = () => {
        for (const button of document.querySelectorAll('[data-toggles-navigation]')) {
            button.setAttribute('aria-expanded', String(shown()));
        }
    };

    document.addEventListener('click', event => {
        if (!(event.target instanceof Element)) return;
        if (event.target.closest('[data-toggles-navigation]')) {
            root.classList.toggle('navigation-toggled');
            sync();
        } else if (!wide.matches && event.target.closest('.portal-drawer a')) {
            root.classList.remove('navigation-toggled');
            sync();
        }
    });
    wide.addEventListener('change', sync);
    document.addEventListener('DOMContentLoaded', sync);
    window.Blazor?.addEventListener?.('enhancedload', sync);
    sync();
})();
