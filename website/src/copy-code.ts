// The Copy button of the TypeScript blocks (drawn by src/remark/embed.ts): it copies the code as the
// page shows it, without the hover cards' text inside it.
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

if (ExecutionEnvironment.canUseDOM) {
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('.twoslash-block__copy') : null;
    const code = button?.closest('.twoslash-block')?.querySelector('pre code');
    if (!button || !code) return;
    const shown = code.cloneNode(true) as Element;
    shown.querySelectorAll('.twoslash-popup-container').forEach((card) => card.remove());
    void navigator.clipboard.writeText(shown.textContent ?? '').then(() => {
      button.textContent = 'Copied';
      setTimeout(() => (button.textContent = 'Copy'), 2000);
    });
  });
}
