import { render } from 'preact';
import { OptionsPage } from '../../components/options/OptionsPage';
import '../../components/shared-ui/theme.css';
import '../../components/options/options.css';
import { ShelfmarkDb } from '../../lib/db';
import { request } from '../../lib/messaging/client';
import { browser } from 'wxt/browser';

render(
  <OptionsPage
    db={new ShelfmarkDb()}
    send={request}
    storage={navigator.storage}
    requestOrigin={(pattern) => browser.permissions.request({ origins: [pattern] })}
    persistFlags={browser.storage.local}
  />,
  document.getElementById('app')!,
);
