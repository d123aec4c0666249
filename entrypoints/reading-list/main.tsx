import { render } from 'preact';
import { ReadingListPage } from '../../components/reading-list/ReadingListPage';
import '../../components/shared-ui/theme.css';
import '../../components/reading-list/reading-list.css';
import { ShelfmarkDb } from '../../lib/db';
import { request } from '../../lib/messaging/client';

render(<ReadingListPage db={new ShelfmarkDb()} send={request} />, document.getElementById('app')!);
