import { configureL10n } from '../l10n';

configureL10n('term-page');
