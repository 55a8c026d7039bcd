/* Style sheets are imported for their side effect: esbuild bundles them into page.css. */
declare module '*.css';
