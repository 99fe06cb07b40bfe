import { useState } from 'react';
import { Tabs } from 'radix-ui';
import { useT } from '../../../i18n';
import { GroupsPanel } from './GroupsPanel';
import { programMessages } from './messages';
import { ProgramsPanel } from './ProgramsPanel';

export function ProgramsSection() {
  const t = useT(programMessages);
  const [tab, setTab] = useState('groups');
  return (
    <>
      <h1>{t('title')}</h1>
      <p className="admin-intro">{t('intro')}</p>
      <Tabs.Root value={tab} onValueChange={setTab} className="admin-tabs">
        <Tabs.List aria-label={t('tabsLabel')} className="admin-tabs__list">
          <Tabs.Trigger value="groups" className="admin-tabs__trigger" data-testid="tab-groups">
            {t('groupsTab')}
          </Tabs.Trigger>
          <Tabs.Trigger value="programs" className="admin-tabs__trigger" data-testid="tab-programs">
            {t('programsTab')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="groups" className="admin-tabs__panel">
          <GroupsPanel />
        </Tabs.Content>
        <Tabs.Content value="programs" className="admin-tabs__panel">
          <ProgramsPanel />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
